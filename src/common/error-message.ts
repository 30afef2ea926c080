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
  // openmrsFetch's own message is for developers ("Server responded with 503 (Service Unavailable) for
  // url ... Check err.responseBody or network tab in dev tools"); a person needs the status text
  const fetchMessage = /^Server responded with \d+ \(([^)]*)\) for url /.exec(e.message ?? '');
  const text = serverMessage ?? (fetchMessage ? fetchMessage[1] || 'Error' : undefined) ?? e.message ?? String(error);
  return status ? `${status}: ${text}` : text;
}

export function isForbidden(error: unknown): boolean {
  return (error as FetchErrorLike)?.response?.status === 403;
}
