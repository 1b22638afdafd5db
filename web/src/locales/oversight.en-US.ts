import type { oversightZh } from './oversight.zh-CN';

export const oversightEn: typeof oversightZh = {
};
