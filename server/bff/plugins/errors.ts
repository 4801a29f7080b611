/**
 * One place that turns every failure into `{ code, message, requestId }`: typed AppErrors as they are, upstream
 * errors (HIS, WeChat) through `mapUpstream`, schema validation into VALIDATION with the fields named, everything
 * else into a 500 that tells the client nothing internal (the log line has the details).
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import type { ApiErrorBody } from '../../../contract/api';
import { AppError, Errors } from '../lib/errors';

export type UpstreamMapper = (err: unknown) => AppError | undefined;

interface ValidationIssue {
  instancePath?: string;
  params?: Record<string, unknown>;
  message?: string;
}

/** `/code` → `code`; a missing property names itself in params. */
function fieldOf(issue: ValidationIssue): string {
  const missing = issue.params?.missingProperty;
  if (typeof missing === 'string') return [issue.instancePath?.slice(1), missing].filter(Boolean).join('.');
  const extra = issue.params?.additionalProperty;
  if (typeof extra === 'string') return extra;
  return issue.instancePath?.slice(1).replace(/\//g, '.') || 'body';
}

function validationError(issues: ValidationIssue[]): AppError {
  const fields: Record<string, string> = {};
  for (const issue of issues) {
    const field = fieldOf(issue);
    if (fields[field]) continue;
    fields[field] = issue.params?.missingProperty ? '必填' : issue.params?.additionalProperty ? '不支持该字段' : '格式不正确';
  }
  return Errors.validation(fields);
}

export function registerErrorHandling(app: FastifyInstance, mapUpstream: UpstreamMapper): void {
  app.setErrorHandler((err: FastifyError, request, reply) => {
    let appError: AppError;
    if (err instanceof AppError) appError = err;
    else if (err.validation) appError = validationError(err.validation as ValidationIssue[]);
    else if (err.statusCode === 415 || err.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') appError = Errors.validation({ body: '请使用JSON格式' });
    else if (err.statusCode === 400) appError = Errors.validation({ body: '请求格式不正确' });
    else if (err.statusCode === 413) appError = Errors.validation({ body: '请求内容过大' });
    else appError = mapUpstream(err) ?? Errors.internal();

    if (appError.status >= 500) request.log.error({ err }, `request failed: ${appError.code}`);
    else request.log.info({ code: appError.code }, 'request refused');
    const body: ApiErrorBody = { code: appError.code, message: appError.message, requestId: request.id, ...(appError.fields ? { fields: appError.fields } : {}) };
    return reply.code(appError.status).send(body);
  });

  app.setNotFoundHandler((request, reply) => {
    const body: ApiErrorBody = { code: 'NOT_FOUND', message: '接口不存在', requestId: request.id };
    return reply.code(404).send(body);
  });
}
