/** E-mailed links carry their token after "#", so it never reaches a server log. */
export function tokenFromHash(): string | null {
  const params = new URLSearchParams(window.location.hash.replace(/^#/, ''))
  return params.get('token')
}
