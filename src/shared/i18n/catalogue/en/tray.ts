/** English: tray. */
export const tray = {} as const;
