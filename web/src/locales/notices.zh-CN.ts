/** Texts of the notices pages. */
export const noticesZh = {
};
