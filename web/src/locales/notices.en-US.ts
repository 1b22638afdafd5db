import type { noticesZh } from './notices.zh-CN';

export const noticesEn: typeof noticesZh = {
};
