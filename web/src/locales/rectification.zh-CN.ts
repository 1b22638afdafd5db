/** Texts of the rectification pages. */
export const rectificationZh = {
};
