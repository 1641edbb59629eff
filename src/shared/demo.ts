/** The demo accounts' domain and password, known to the seed, the sign-in page hint and the tests. */
export const DEMO_DOMAIN = 'demo.meridian.test'
export const DEMO_PASSWORD = 'meridian-demo'
