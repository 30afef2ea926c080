/**
 * Error bodies exactly as the OpenMRS REST module writes them (BaseRestController,
 * RestUtil.wrapErrorResponse). `message` is "<@ResponseStatus reason> [<ex message>]",
 * or just "[<ex message>]" when the exception class has no reason.
 */

export interface ErrorBody {
  error: {
    message: string;
    code: string;
    detail: string;
    rawMessage?: string | null;
    translatedMessage?: string | null;
    globalErrors?: Array<{ code: string; message: string }>;
    fieldErrors?: Record<string, Array<{ code: string; message: string }>>;
  };
}

export class RestError extends Error {
  constructor(
    public readonly status: number,
    public readonly body: ErrorBody,
    public readonly headers: Record<string, string> = {},
  ) {
    super(body.error.message);
  }
}

const WS = 'org.openmrs.module.webservices.rest.web';

function body(reason: string | null, rawMessage: string | null, code: string): ErrorBody {
  const bracket = `[${rawMessage === null ? 'null' : rawMessage}]`;
  return {
    error: {
      message: reason ? `${reason} ${bracket}` : bracket,
      code,
      detail: '',
      rawMessage,
      translatedMessage: rawMessage,
    },
  };
}

/** 404 ObjectNotFoundException: "Object with given uuid doesn't exist [null]". */
export function notFound(code = `${WS}.resource.impl.DelegatingCrudResource:103`): RestError {
  return new RestError(404, body("Object with given uuid doesn't exist", null, code));
}

const USER_RESOURCE = `${WS}.v1_0.resource.openmrs1_8.UserResource1_8`;

/**
 * GET /user/{unknown uuid} before REST 2.50 (fixed by RESTWS-981): UserResource1_8.getByUniqueId wraps
 * the null user in a UserAndPassword1_8, so ObjectNotFoundException is never thrown; reading the first
 * property of the representation fails instead, and BaseRestController answers the ConversionException
 * with 400. UserResource1_8.getProperty reads through PropertyUtils on the null user ("No bean
 * specified"); `display` goes through getDisplayString (a NullPointerException, no message); a REF goes
 * through the asRef @RepHandler, which BaseDelegatingResource.asRepresentation wraps once more.
 */
export function unknownUserRead(firstProperty: string, viaRepHandler: boolean): RestError {
  const message = firstProperty === 'display' ? 'display' : `${firstProperty} => No bean specified`;
  const code = viaRepHandler ? `${WS}.resource.impl.BaseDelegatingResource:407` : `${USER_RESOURCE}:331`;
  return new RestError(400, body(null, message, code));
}

/**
 * POST /user/{unknown uuid} before REST 2.50: UserResource1_8.setProperty sets each property on the null
 * user through BaseDelegatingResource.setProperty, whose catch block itself fails on `instance.getClass()`;
 * UserResource1_8 wraps that NullPointerException (no message) in a ConversionException named after the
 * property: 400.
 */
export function unknownUserUpdate(firstProperty: string): RestError {
  return new RestError(400, body(null, firstProperty, `${USER_RESOURCE}:358`));
}

/**
 * DELETE /user/{unknown uuid} (retire) before REST 2.50: UserResource1_8.delete reads `user.getId()`
 * of the empty UserAndPassword1_8, a NullPointerException (no message): 500.
 */
export function unknownUserRetire(): RestError {
  return serverError(null, `${WS}.v1_0.wrapper.openmrs1_8.UserAndPassword1_8:79`);
}

/** 404 UnknownResourceException for /ws/rest/v1/<unknown>. */
export function unknownResource(name: string): RestError {
  return new RestError(
    404,
    body(
      'Resource does not exist. Please check documentation for implemented resources and their paths',
      `Unknown resource: v1/${name}`,
      `${WS}.v1_0.controller.MainResourceController:72`,
    ),
  );
}

/** 400 ConversionException and friends (no reason on the class). */
export function badRequest(rawMessage: string, code = `${WS}.ConversionUtil:213`): RestError {
  return new RestError(400, body(null, rawMessage, code));
}

/** 400 ResourceDoesNotSupportOperationException. */
export function notSupported(rawMessage: string | null = null): RestError {
  return new RestError(
    400,
    body(
      'The Resource Does not Support the Requested Operation',
      rawMessage,
      `${WS}.resource.impl.DelegatingCrudResource:289`,
    ),
  );
}

/** 400 "Some properties are not allowed to be set: x". */
export function notAllowedProperties(names: string[]): RestError {
  return badRequest(
    `Some properties are not allowed to be set: ${names.join(', ')}`,
    `${WS}.resource.impl.BaseDelegatingResource:640`,
  );
}

/** 400 "Some required properties are missing: x". */
export function missingProperties(names: string[]): RestError {
  return badRequest(
    `Some required properties are missing: ${names.join(', ')}`,
    `${WS}.resource.impl.BaseDelegatingResource:617`,
  );
}

/** 500: APIException, IllegalArgumentException and anything else without a mapping. */
export function serverError(rawMessage: string | null, code = 'org.openmrs.api.APIException:0'): RestError {
  return new RestError(500, body(null, rawMessage, code));
}

/** 401: not logged in. */
export function notLoggedIn(privileges: string[], disableWwwAuthenticate: boolean, uriPrefix: string): RestError {
  const headers: Record<string, string> = disableWwwAuthenticate
    ? {}
    : { 'WWW-Authenticate': `Basic realm="OpenMRS at ${uriPrefix}/ws/rest"` };
  return new RestError(
    401,
    body(
      'User is not logged in',
      privileges.length ? `Privileges required: ${privileges.join(', ')}` : 'Basic authentication required',
      'org.openmrs.api.context.Context:252',
    ),
    headers,
  );
}

/** 403: logged in without the privilege. */
export function forbidden(privileges: string[]): RestError {
  return new RestError(
    403,
    body(
      "User is logged in but doesn't have the relevant privilege",
      `Privileges required: ${privileges.join(', ')}`,
      'org.openmrs.api.context.Context:252',
    ),
  );
}

/** 400 HttpMessageNotReadableException (bad JSON). */
export function unreadable(detail: string): RestError {
  return new RestError(
    400,
    body(null, `Could not read JSON: ${detail}`, 'org.springframework.http.converter.json.MappingJackson2HttpMessageConverter:270'),
  );
}

/** 405 HttpRequestMethodNotSupportedException. */
export function methodNotAllowed(method: string): RestError {
  return new RestError(
    405,
    body(null, `Request method '${method}' not supported`, 'org.springframework.web.servlet.mvc.method.RequestMappingInfoHandlerMapping:213'),
  );
}

/** 400 ValidationException (RestUtil.wrapValidationErrorResponse). */
export function validationError(
  fieldErrors: Record<string, Array<{ code: string; message: string }>>,
  globalErrors: Array<{ code: string; message: string }> = [],
): RestError {
  return new RestError(400, {
    error: {
      message: 'Invalid Submission',
      code: 'webservices.rest.error.invalid.submission',
      detail: '',
      globalErrors,
      fieldErrors,
    },
  });
}

/**
 * RestUtil.wrapErrorResponse(ex, reason) as a module controller's @ExceptionHandler uses it:
 * "<reason> [<ex message> => <cause messages>]"; rawMessage is ex.getMessage() alone.
 */
export function wrappedError(
  status: number,
  reason: string | null,
  messages: Array<string | null>,
  code: string,
): RestError {
  const [first, ...causes] = messages;
  let chained: string | null = first;
  for (const cause of causes) {
    if (cause && cause.trim()) {
      chained = chained && chained.trim() ? `${chained} => ${cause}` : cause;
    }
  }
  const e = new RestError(status, body(reason, chained, code));
  e.body.error.rawMessage = first;
  e.body.error.translatedMessage = first;
  return e;
}
