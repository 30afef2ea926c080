interface FetchErrorLike {
  message?: string;
  response?: { status?: number };
  responseBody?: { error?: { message?: string; globalErrors?: Array<{ message?: string }> } } | string | null;
}

/** The most useful sentence in an error from openmrsFetch or elsewhere, for a person to read. */
export function errorMessage(error: unknown): string {
  if (!error) {
    return '';
  }
  const e = error as FetchErrorLike;
  const body = typeof e.responseBody === 'object' ? e.responseBody : null;
  const serverMessage = body?.error?.globalErrors?.[0]?.message ?? body?.error?.message;
  const status = e.response?.status;
  const text = serverMessage ?? e.message ?? String(error);
  return status ? `${status}: ${text}` : text;
}

export function isForbidden(error: unknown): boolean {
  return (error as FetchErrorLike)?.response?.status === 403;
}
