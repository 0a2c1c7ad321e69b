/**
 * Signs in through the desk's own /login form, as a browser does: fetch
 * the form (session cookie and CSRF token), post it, keep the new
 * session's cookie.
 */
function cookiesOf(res: Response): string[] {
  return res.headers.getSetCookie().map((line) => line.split(';')[0]);
}

export async function signIn(
  baseUrl: string,
  username: string,
  password: string,
): Promise<string> {
  const form = await fetch(`${baseUrl}/login`, { redirect: 'manual' });
  const html = await form.text();
  const token = /name="_csrf" value="([^"]+)"/.exec(html)?.[1];
  if (!token) throw new Error(`no CSRF token on /login (${form.status})`);

  const res = await fetch(`${baseUrl}/login`, {
    method: 'POST',
    redirect: 'manual',
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      cookie: cookiesOf(form).join('; '),
    },
    body: new URLSearchParams({ username, password, _csrf: token }).toString(),
  });
  const session = cookiesOf(res);
  if (res.status !== 303 || session.length === 0) {
    throw new Error(`sign-in of ${username} answered ${res.status}`);
  }
  return session.join('; ');
}
