import type { workbenchZh } from './workbench.zh-CN';

export const workbenchEn: typeof workbenchZh = {
};
