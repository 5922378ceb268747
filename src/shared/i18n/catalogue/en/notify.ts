/** English: notify. */
export const notify = {} as const;
