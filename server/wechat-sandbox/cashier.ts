/**
 * The cashier the H5 build opens instead of wx.requestPayment:
 *   GET  /cashier?appId=&timeStamp=&nonceStr=&package=prepay_id%3D…&signType=RSA&paySign=&redirect=
 *   POST /cashier/action   (form: action=pay|cancel|fail, the prepay id, a ticket, redirect)
 * It takes exactly what a mini-program passes to wx.requestPayment (plus appId, as the JSAPI in a web page does),
 * verifies paySign — SHA256-RSA over `appId\ntimeStamp\nnonceStr\npackage\n` — with the merchant's public key(s),
 * as the WeChat client does, and shows a phone-sized page in 简体中文. 确认支付 → SUCCESS and the notification flow;
 * 模拟支付失败 → PAYERROR; 取消 → nothing. Then the browser goes to `redirect` with `result=success|cancel|fail`
 * (appended to the hash route when `redirect` has one, as Taro's H5 hash router reads it).
 */
import { createHmac, randomBytes, timingSafeEqual, type KeyObject } from 'node:crypto';
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { WechatSandboxConfig } from './config';
import { PayError, type Payments } from './payments';
import { rsaVerify, signedMessage } from './protocol';
import type { Transaction } from './state';

export interface CashierContext {
  config: WechatSandboxConfig;
  payments: Payments;
  merchantKeys: ReadonlyMap<string, KeyObject>;
}

export type CashierResult = 'success' | 'cancel' | 'fail';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

function yuan(fen: number): string {
  return (fen / 100).toFixed(2);
}

/** `redirect` with result=…: in the hash route's query when there is a hash (Taro H5), else in the search. */
export function withResult(redirect: string, result: CashierResult): string {
  const hashAt = redirect.indexOf('#');
  if (hashAt >= 0) {
    const hash = redirect.slice(hashAt + 1);
    return `${redirect.slice(0, hashAt + 1)}${hash}${hash.includes('?') ? '&' : '?'}result=${result}`;
  }
  const url = new URL(redirect);
  url.searchParams.set('result', result);
  return url.toString();
}

function safeRedirect(value: unknown): string | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? value : undefined;
  } catch {
    return undefined;
  }
}

const STYLE = `
  :root { color-scheme: light; }
  * { box-sizing: border-box; }
  body { margin: 0; background: #ededed; font-family: -apple-system, BlinkMacSystemFont, "PingFang SC", "Hiragino Sans GB", "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Microsoft YaHei", "WenQuanYi Micro Hei", sans-serif; color: #191919; }
  main { max-width: 420px; min-height: 100vh; margin: 0 auto; background: #f7f7f7; display: flex; flex-direction: column; }
  header { padding: 14px 16px; text-align: center; font-size: 17px; font-weight: 600; background: #fff; border-bottom: 1px solid #e5e5e5; }
  .sandbox { margin: 12px 16px 0; padding: 8px 12px; border-radius: 8px; background: #fff7e6; color: #ad6800; font-size: 13px; line-height: 1.5; }
  .card { margin: 16px; padding: 28px 20px; background: #fff; border-radius: 12px; text-align: center; }
  .merchant { font-size: 15px; color: #576b95; }
  .desc { margin-top: 8px; font-size: 14px; color: #7f7f7f; word-break: break-all; }
  .amount { margin-top: 18px; font-size: 40px; font-weight: 600; letter-spacing: 1px; }
  .amount small { font-size: 24px; margin-right: 2px; }
  dl { margin: 22px 0 0; text-align: left; font-size: 14px; color: #7f7f7f; }
  dl div { display: flex; justify-content: space-between; padding: 6px 0; border-top: 1px solid #f0f0f0; }
  dd { margin: 0; color: #191919; word-break: break-all; text-align: right; max-width: 65%; }
  form { margin: 0 16px; display: flex; flex-direction: column; gap: 12px; }
  button { width: 100%; padding: 13px; border: 0; border-radius: 8px; font-size: 17px; font-weight: 600; font-family: inherit; cursor: pointer; }
  .pay { background: #07c160; color: #fff; }
  .cancel { background: #fff; color: #191919; }
  .fail { background: transparent; color: #fa5151; font-size: 15px; font-weight: 400; }
  .message { margin: 16px; padding: 32px 20px; background: #fff; border-radius: 12px; text-align: center; font-size: 16px; line-height: 1.6; }
  .message a { display: inline-block; margin-top: 18px; color: #576b95; text-decoration: none; }
`;

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, maximum-scale=1, viewport-fit=cover">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body><main>
<header>${escapeHtml(title)}</header>
${content}
</main></body>
</html>`;
}

function messagePage(text: string, redirect: string | undefined, result: CashierResult): string {
  const back = redirect ? `<br><a href="${escapeHtml(withResult(redirect, result))}">返回商户</a>` : '';
  return page('微信支付', `<div class="message" role="alert">${escapeHtml(text)}${back}</div>`);
}

export function registerCashier(app: FastifyInstance, ctx: CashierContext): void {
  const { config, payments, merchantKeys } = ctx;
  // Tickets bind the page's buttons to the prepay id it showed (a sandbox secret, new at every start).
  const ticketKey = randomBytes(32);
  const ticketOf = (prepayId: string) => createHmac('sha256', ticketKey).update(prepayId).digest('base64url');
  const ticketValid = (prepayId: string, ticket: string) => {
    const a = Buffer.from(ticketOf(prepayId));
    const b = Buffer.from(ticket);
    return a.length === b.length && timingSafeEqual(a, b);
  };

  const html = (reply: FastifyReply, status: number, body: string) =>
    reply.code(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(body);

  function unpayable(tx: Transaction, prepayId: string): string | undefined {
    if (!payments.prepayIdValid(tx, prepayId)) return '支付已失效，请返回商户重新发起支付';
    switch (tx.state) {
      case 'NOTPAY':
        return undefined;
      case 'SUCCESS':
      case 'REFUND':
        return '该订单已支付，请勿重复支付';
      case 'CLOSED':
        return '订单已关闭，请返回商户重新下单';
      case 'PAYERROR':
        return '该订单支付失败，请返回商户重新下单';
    }
  }

  app.get('/cashier', async (request, reply) => {
    const q = request.query as Record<string, unknown>;
    const redirect = safeRedirect(q.redirect);
    const fields = ['appId', 'timeStamp', 'nonceStr', 'package', 'signType', 'paySign'] as const;
    const missing = fields.find((f) => typeof q[f] !== 'string' || q[f] === '');
    if (missing) return html(reply, 400, messagePage(`调用支付JSAPI缺少参数：${missing}`, redirect, 'fail'));
    const v = (f: (typeof fields)[number]) => String(q[f]);
    if (v('appId') !== config.appid) return html(reply, 400, messagePage('支付验证失败：appId与商户号不匹配', redirect, 'fail'));
    if (v('signType') !== 'RSA') return html(reply, 400, messagePage('支付验证失败：signType应为RSA', redirect, 'fail'));
    const prepayId = /^prepay_id=(.+)$/.exec(v('package'))?.[1];
    if (!prepayId) return html(reply, 400, messagePage('支付验证失败：package格式应为prepay_id=***', redirect, 'fail'));
    const message = signedMessage([v('appId'), v('timeStamp'), v('nonceStr'), v('package')]);
    if (![...merchantKeys.values()].some((key) => rsaVerify(message, v('paySign'), key))) {
      return html(reply, 400, messagePage('支付验证签名失败', redirect, 'fail'));
    }
    const tx = payments.byPrepayId(prepayId);
    if (!tx) return html(reply, 400, messagePage('支付已失效，请返回商户重新发起支付', redirect, 'fail'));
    const problem = unpayable(tx, prepayId);
    if (problem) return html(reply, 409, messagePage(problem, redirect, 'fail'));

    const hidden = (name: string, value: string) => `<input type="hidden" name="${name}" value="${escapeHtml(value)}">`;
    const content = `
<div class="sandbox">沙箱收银台：仅供开发与测试，不会产生真实扣款。</div>
<section class="card" aria-label="订单信息">
  <div class="merchant">${escapeHtml(config.merchantName)}</div>
  <div class="desc">${escapeHtml(tx.description)}</div>
  <div class="amount" aria-label="金额 ${yuan(tx.total)} 元"><small>¥</small>${yuan(tx.total)}</div>
  <dl>
    <div><dt>收款方</dt><dd>${escapeHtml(config.merchantName)}</dd></div>
    <div><dt>商户订单号</dt><dd>${escapeHtml(tx.outTradeNo)}</dd></div>
    <div><dt>付款方式</dt><dd>零钱（沙箱）</dd></div>
  </dl>
</section>
<form method="post" action="/cashier/action">
  ${hidden('prepay_id', prepayId)}${hidden('ticket', ticketOf(prepayId))}${redirect ? hidden('redirect', redirect) : ''}
  <button class="pay" name="action" value="pay" type="submit">确认支付</button>
  <button class="cancel" name="action" value="cancel" type="submit">取消</button>
  <button class="fail" name="action" value="fail" type="submit">模拟支付失败</button>
</form>`;
    return html(reply, 200, page('微信支付', content));
  });

  app.post('/cashier/action', async (request, reply) => {
    const form = new URLSearchParams(typeof request.body === 'string' ? request.body : '');
    const action = form.get('action');
    const prepayId = form.get('prepay_id') ?? '';
    const redirect = safeRedirect(form.get('redirect') ?? undefined);
    if ((action !== 'pay' && action !== 'cancel' && action !== 'fail') || !ticketValid(prepayId, form.get('ticket') ?? '')) {
      return html(reply, 400, messagePage('请求无效，请返回商户重新发起支付', redirect, 'fail'));
    }
    const tx = payments.byPrepayId(prepayId);
    const problem = tx ? unpayable(tx, prepayId) : '支付已失效，请返回商户重新发起支付';
    if (!tx || problem) return html(reply, 409, messagePage(problem ?? '支付已失效', redirect, 'fail'));

    let result: CashierResult = 'cancel';
    if (action !== 'cancel') {
      try {
        payments.pay(tx, action === 'pay' ? 'success' : 'fail');
        result = action === 'pay' ? 'success' : 'fail';
      } catch (err) {
        if (!(err instanceof PayError)) throw err;
        return html(reply, 409, messagePage(err.message, redirect, 'fail'));
      }
    }
    if (redirect) return reply.code(303).header('location', withResult(redirect, result)).send();
    const text = { success: `支付成功：¥${yuan(tx.total)}`, cancel: '已取消支付', fail: '支付失败' }[result];
    return html(reply, 200, messagePage(text, undefined, result));
  });
}
