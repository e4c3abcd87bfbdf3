// The sign-in page: exchanges a console token for a session cookie (httpOnly: this script never sees it).
const form = document.getElementById('sign-in-form') as HTMLFormElement | null;
const input = document.getElementById('token') as HTMLInputElement | null;
const error = document.getElementById('sign-in-error') as HTMLParagraphElement | null;

form?.addEventListener('submit', (event) => {
  event.preventDefault();
  if (!input || !error) return;
  error.hidden = true;
  void (async () => {
    const response = await fetch('/api/audit/session', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ token: input.value.trim() }),
      credentials: 'same-origin',
    });
    if (response.ok) {
      input.value = '';
      window.location.assign('/console/');
      return;
    }
    const body = (await response.json().catch(() => ({}))) as { error?: string };
    error.textContent = body.error ?? `Sign-in failed (${response.status}).`;
    error.hidden = false;
  })();
});
