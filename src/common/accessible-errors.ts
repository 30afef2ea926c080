/**
 * Carbon's TextInput (1.117) marks an invalid input with aria-errormessage pointing at its error
 * text, but nothing announces that text (axe: aria-valid-attr-value, critical). Describing the input
 * by the same element makes screen readers read the reason with the field. Carbon renders the error
 * with the id `${inputId}-error-msg`; spread the result into the TextInput.
 */
export function describedByError(inputId: string, error: string | undefined | null | false) {
  return error ? { 'aria-describedby': `${inputId}-error-msg` } : {};
}
