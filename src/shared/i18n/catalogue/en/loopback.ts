/** English: loopback. */
export const loopback = {} as const;
