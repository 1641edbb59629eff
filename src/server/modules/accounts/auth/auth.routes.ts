import type { FastifyReply } from 'fastify'
import type { Deps } from '../../../deps.js'
import { ctxOf } from '../../../http/context.js'
import { AppError, AppErrorCode } from '../../../http/errors.js'
import { SESSION_COOKIE } from '../../../http/guard.js'
import { Public, SignedIn } from '../../../http/policy.js'
import type { App } from '../../../http/types.js'
import { ChangePasswordBody } from '../users/users.schema.js'
import { getUser } from '../users/users.service.js'
import { MessageSchema, ResetConfirmBody, ResetRequestBody, SessionSchema, SignInBody } from './auth.schema.js'
import { changePassword, deferPasswordReset, resetPassword, signIn, signOut } from './auth.service.js'

export function setSessionCookie(deps: Deps, reply: FastifyReply, token: string): void {
  reply.setCookie(SESSION_COOKIE, token, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    secure: deps.env.secureCookies,
    path: '/',
    maxAge: deps.env.SESSION_MAX_HOURS * 3600,
  })
}

export function authRoutes(app: App, deps: Deps): void {
  app.get(
    '/api/session',
    {
      config: { policy: Public },
      schema: { tags: ['auth'], summary: 'The signed-in user and the CSRF token for writes', response: { 200: SessionSchema } },
    },
    async (request) => {
      if (!request.auth) return { user: null, csrfToken: null }
      return { user: await getUser(deps, request.auth.actor.id), csrfToken: request.auth.csrfToken }
    },
  )

  app.post(
    '/api/auth/sign-in',
    {
      config: { policy: Public },
      schema: { tags: ['auth'], summary: 'Sign in with e-mail and password', body: SignInBody, response: { 200: SessionSchema } },
    },
    async (request, reply) => {
      const result = await signIn(deps, {
        ...request.body,
        ip: request.ip,
        userAgent: request.headers['user-agent'] ?? null,
      })
      if (!result.ok && result.reason === 'rate-limited') {
        throw new AppError(AppErrorCode.RATE_LIMITED, 'Too many failed sign-ins. Wait the time given and try again.', {
          retryAfterSeconds: result.retryAfterSeconds,
        })
      }
      if (!result.ok) {
        // The same answer for an unknown e-mail, a wrong password and a deactivated account.
        throw new AppError(AppErrorCode.UNAUTHENTICATED, 'The e-mail or the password is not right.')
      }
      setSessionCookie(deps, reply, result.token)
      return { user: await getUser(deps, result.userId), csrfToken: result.csrfToken }
    },
  )

  app.post(
    '/api/auth/sign-out',
    { config: { policy: SignedIn }, schema: { tags: ['auth'], summary: 'End this session' } },
    async (request, reply) => {
      if (request.auth?.sessionId) await signOut(deps, request.auth.sessionId)
      reply.clearCookie(SESSION_COOKIE, { path: '/' })
      return reply.status(204).send()
    },
  )

  app.post(
    '/api/auth/password-reset',
    {
      config: { policy: Public },
      schema: {
        tags: ['auth'],
        summary: 'E-mail a password-reset link',
        body: ResetRequestBody,
        response: { 202: MessageSchema },
      },
    },
    async (request, reply) => {
      // Answered before the work is done, so the time of the answer tells nothing of the account.
      void deferPasswordReset(deps, ctxOf(request), request.body.email)
      return reply.status(202).send({
        message: 'If an account uses this address, a link to reset its password is on its way.',
      })
    },
  )

  app.post(
    '/api/auth/password-reset/confirm',
    {
      config: { policy: Public },
      schema: { tags: ['auth'], summary: 'Choose a new password with the e-mailed token', body: ResetConfirmBody },
    },
    async (request, reply) => {
      const result = await resetPassword(deps, ctxOf(request), request.body.token, request.body.password)
      if (!result.ok) {
        throw AppError.validation('body.token', 'this link is not valid any more; ask for a new one')
      }
      return reply.status(204).send()
    },
  )

  app.post(
    '/api/me/password',
    {
      config: { policy: SignedIn },
      schema: { tags: ['account'], summary: 'Change my password', body: ChangePasswordBody },
    },
    async (request, reply) => {
      const result = await changePassword(
        deps,
        { ...ctxOf(request), sessionId: request.auth?.sessionId ?? null },
        request.body.currentPassword,
        request.body.newPassword,
      )
      if (!result.ok && result.reason === 'rate-limited')
        throw new AppError(AppErrorCode.RATE_LIMITED, 'Too many wrong passwords. Wait a moment and try again.', {
          retryAfterSeconds: result.retryAfterSeconds,
        })
      if (!result.ok) throw AppError.validation('body.currentPassword', 'is not your current password')
      return reply.status(204).send()
    },
  )
}
