import type { rectificationZh } from './rectification.zh-CN';

export const rectificationEn: typeof rectificationZh = {
};
