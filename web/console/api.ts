// The console API over fetch: the session cookie travels by itself; a 401 sends the browser to sign in.
export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
  }
}

async function failure(response: Response): Promise<never> {
  if (response.status === 401) {
    window.location.assign('/console/sign-in');
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  throw new ApiError(body.error ?? `${response.status} ${response.statusText}`, response.status);
}

export async function get<T>(path: string, params: Record<string, string | undefined> = {}): Promise<T> {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) if (value !== undefined && value !== '') query.set(key, value);
  const response = await fetch(`${path}${query.size ? `?${query.toString()}` : ''}`, { credentials: 'same-origin', headers: { accept: 'application/json' } });
  if (!response.ok) return failure(response);
  return (await response.json()) as T;
}

export async function send<T>(method: 'POST' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const response = await fetch(path, {
    method,
    credentials: 'same-origin',
    headers: { accept: 'application/json', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok) return failure(response);
  return (await response.json()) as T;
}

/** POSTs and saves the answer as a file (the evidence zip). */
export async function download(path: string, body: unknown): Promise<{ name: string; exportId: string | null; manifestSha256: string | null }> {
  const response = await fetch(path, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  if (!response.ok) return failure(response);
  const blob = await response.blob();
  const name = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1] ?? 'parley-evidence.zip';
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
  return { name, exportId: response.headers.get('x-parley-export-id'), manifestSha256: response.headers.get('x-parley-manifest-sha256') };
}
