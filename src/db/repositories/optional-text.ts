/** Empty optional text fields are stored as null, so "none given" has one spelling. */
export const optionalText = (value: string | null | undefined): string | null => (value?.trim() ? value.trim() : null);
