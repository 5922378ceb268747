/** English: dialogs. */
export const dialogs = {} as const;
