/**
 * One line per way a connection to PostgreSQL, Redis or a listening port fails: what is wrong,
 * where (the variable, host and port, never the password) and what to do. Pure: it reads the
 * error's `code` and message, as Node, pg and ioredis set them.
 */

/** A service the connector depends on, as its environment variable names it. */
export interface ServiceTarget {
  readonly service: 'PostgreSQL' | 'Redis';
  readonly variable: 'DATABASE_URL' | 'REDIS_URL';
  readonly url: string;
}

interface ErrorFacts {
  readonly code: string | undefined;
  readonly message: string;
}

/** `code` and `message` of an error, or of the first inner error of an AggregateError. */
function factsOf(error: unknown): ErrorFacts {
  if (typeof error !== 'object' || error === null) return { code: undefined, message: String(error) };
  const inner = (error as { errors?: unknown }).errors;
  const first = Array.isArray(inner) && inner.length > 0 ? factsOf(inner[0]) : null;
  const code = (error as { code?: unknown }).code;
  return {
    code: typeof code === 'string' ? code : first?.code,
    message: error instanceof Error ? error.message : (first?.message ?? String(error)),
  };
}

interface Place {
  readonly host: string;
  readonly port: string;
  readonly user: string;
  readonly database: string;
}

function placeOf(target: ServiceTarget): Place {
  const defaultPort = target.service === 'PostgreSQL' ? '5432' : '6379';
  try {
    const url = new URL(target.url);
    return {
      host: url.hostname || 'localhost',
      port: url.port || defaultPort,
      user: decodeURIComponent(url.username),
      database: decodeURIComponent(url.pathname.replace(/^\//, '')),
    };
  } catch {
    return { host: 'localhost', port: defaultPort, user: '', database: '' };
  }
}

/** The service as an operator finds it: `Redis at 10.0.0.5:6379 (REDIS_URL)`, no password. */
export function describeTarget(target: ServiceTarget): string {
  const place = placeOf(target);
  return `${target.service} at ${place.host}:${place.port} (${target.variable})`;
}

/** The error's code, or its message when it has none. */
export function errorCodeOf(error: unknown): string {
  const { code, message } = factsOf(error);
  return code ?? message;
}

/** Failures of the network path, alike for every service. */
function explainNetwork(code: string | undefined, message: string, target: ServiceTarget, place: Place) {
  const { service, variable } = target;
  const at = describeTarget(target);
  switch (code) {
    case 'ECONNREFUSED':
      return `${at} refuses connections: start ${service} there, or set ${variable} to a running server`;
    case 'ENOTFOUND':
      return `${variable} names the host "${place.host}", which does not exist: correct the host name in ${variable}`;
    case 'EAI_AGAIN':
      return `the host "${place.host}" in ${variable} could not be looked up (DNS did not answer): check the network, then try again`;
    case 'ETIMEDOUT':
    case 'EHOSTUNREACH':
    case 'ENETUNREACH':
    case 'TIMEOUT':
      return `${at} does not answer: check the host, the port and any firewall between`;
    case 'ECONNRESET':
    case 'EPIPE':
      return `${at} closed the connection at once: check that ${place.host}:${place.port} is ${service}, and its TLS settings`;
    default:
      return /timeout/i.test(message)
        ? `${at} does not answer: check the host, the port and any firewall between`
        : null;
  }
}

function explainPostgres(code: string | undefined, message: string, place: Place): string | null {
  const user = place.user === '' ? 'the user' : `user "${place.user}"`;
  const database = place.database === '' ? 'the database' : `database "${place.database}"`;
  switch (code) {
    case '28P01':
      return `PostgreSQL refused the password of ${user} (DATABASE_URL): correct the password in DATABASE_URL`;
    case '28000':
      return `PostgreSQL refused ${user} (${message}): name an existing role in DATABASE_URL, e.g. postgres://USER:PASSWORD@${place.host}:${place.port}/${place.database || 'frontline'}`;
    case '3D000':
      return `PostgreSQL at ${place.host}:${place.port} has no ${database} (DATABASE_URL): create it (createdb ${place.database || 'frontline'}) or name an existing one`;
    case '42501':
      return `${user} may not create Frontline's tables in ${database} (${message}): grant it CREATE on the database, or connect as its owner`;
    case '53300':
      return `PostgreSQL at ${place.host}:${place.port} has no connection slots left: stop idle clients or raise max_connections, then try again`;
    case '57P03':
      return `PostgreSQL at ${place.host}:${place.port} is starting up or shutting down: try again in a moment`;
    default:
      return null;
  }
}

function explainRedis(message: string, place: Place): string | null {
  if (/^WRONGPASS/.test(message)) {
    return `Redis at ${place.host}:${place.port} refused the user name or password in REDIS_URL: correct them (redis://USER:PASSWORD@host:port)`;
  }
  if (/^NOAUTH/.test(message)) {
    return `Redis at ${place.host}:${place.port} requires a password: add it to REDIS_URL (redis://:PASSWORD@host:port)`;
  }
  return null;
}

/**
 * The line for a failure to reach or use `target`, or null when the error is not one of the
 * known connection failures (the caller then reports it as it is).
 */
export function explainConnectionFailure(error: unknown, target: ServiceTarget): string | null {
  const { code, message } = factsOf(error);
  const place = placeOf(target);
  return (
    explainNetwork(code, message, target, place) ??
    (target.service === 'PostgreSQL' ? explainPostgres(code, message, place) : explainRedis(message, place))
  );
}

/** The line for a server that cannot listen on `port`, or null for another failure. */
export function explainListenFailure(error: unknown, port: number): string | null {
  const { code } = factsOf(error);
  if (code === 'EADDRINUSE')
    return `PORT ${port} is in use by another process: stop that process, or set PORT to a free port`;
  if (code === 'EACCES') {
    return `PORT ${port} may not be opened by this user: set PORT above 1023, or let a proxy in front listen on ${port}`;
  }
  if (code === 'EADDRNOTAVAIL')
    return `PORT ${port} cannot be opened on this host's addresses: set PORT to another port`;
  return null;
}
