/** English: add. */
export const add = {} as const;
