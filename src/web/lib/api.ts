/** The one way the web app talks to the server: JSON in, JSON or problem+json out. */

export interface FieldError {
  path: string
  message: string
}

export interface Problem {
  type: string
  title: string
  status: number
  detail: string
  requestId?: string
  errors?: FieldError[]
}

export class ApiProblem extends Error {
  constructor(readonly problem: Problem) {
    super(problem.detail)
  }
  get status(): number {
    return this.problem.status
  }
  /** Field errors keyed by the field name in the form ("body.email" → "email"). */
  fieldErrors(): Record<string, string> {
    const out: Record<string, string> = {}
    for (const e of this.problem.errors ?? []) {
      const key = e.path.replace(/^(body|querystring|params)\.?/, '')
      out[key || '_'] ??= e.message
    }
    return out
  }
}

let csrfToken: string | null = null
export function setCsrfToken(token: string | null): void {
  csrfToken = token
}

export async function api<T>(path: string, options: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const method = options.method ?? 'GET'
  const headers: Record<string, string> = { accept: 'application/json' }
  if (options.body !== undefined) headers['content-type'] = 'application/json'
  return send<T>(path, {
    method,
    headers,
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
    signal: options.signal,
  })
}

/** Sends a file as the raw request body with its own content type, as the upload endpoints expect. */
export function uploadFile<T>(path: string, file: File): Promise<T> {
  return send<T>(path, {
    method: 'POST',
    headers: { accept: 'application/json', 'content-type': file.type || 'application/octet-stream' },
    body: file,
  })
}

/** One request: the CSRF token on writes, network failures and problem+json answers as ApiProblem. */
async function send<T>(path: string, init: RequestInit & { method: string; headers: Record<string, string> }): Promise<T> {
  if (init.method !== 'GET' && csrfToken) init.headers['x-csrf-token'] = csrfToken
  let res: Response
  try {
    res = await fetch(path, { ...init, credentials: 'same-origin' })
  } catch {
    throw new ApiProblem({ type: 'network', title: 'Network error', status: 0, detail: 'The server cannot be reached.' })
  }
  if (res.status === 204) return undefined as T
  const isJson = (res.headers.get('content-type') ?? '').includes('json')
  if (!res.ok) {
    const problem = isJson
      ? ((await res.json()) as Problem)
      : { type: 'http', title: res.statusText, status: res.status, detail: res.statusText }
    throw new ApiProblem(problem)
  }
  return (isJson ? res.json() : res.text()) as Promise<T>
}
