/**
 * What the adapter needs, one object built by the BFF core from its validated config. Real WeChat:
 * `loginBaseUrl: 'https://api.weixin.qq.com'`, `pay.baseUrl: 'https://api.mch.weixin.qq.com'`; the sandbox serves
 * both on one origin (e.g. http://127.0.0.1:4020).
 */
export interface WechatPayOptions {
  /** 直连商户号. */
  mchid: string;
  /** Serial number of the merchant API certificate (Authorization serial_no). */
  merchantSerialNo: string;
  /** The merchant API private key (apiclient_key.pem), PKCS#8 or PKCS#1 PEM. */
  merchantPrivateKeyPem: string;
  /** The APIv3 key (32 characters) notification resources are encrypted with. */
  apiV3Key: string;
  /** "微信支付公钥": the platform public key answers and notifications are signed with… */
  platformPublicKeyPem: string;
  /** …and its id `PUB_KEY_ID_…` (the expected Wechatpay-Serial). */
  platformPublicKeyId: string;
  baseUrl: string;
  /** Where WeChat Pay posts payment (and, by default, refund) notifications. */
  notifyUrl: string;
}

export interface WechatCallEvent {
  api: string;
  ms: number;
  /** 'ok', or the error class name. */
  outcome: string;
  status?: number;
  requestId?: string;
}

export interface WechatOptions {
  /** The mini-program's AppID. */
  appid: string;
  /** Its AppSecret. */
  secret: string;
  loginBaseUrl: string;
  pay: WechatPayOptions;
  /** Timeout of one call to WeChat, in milliseconds. */
  timeoutMs: number;
  /** `stable` (default): getStableAccessToken, safe with several BFF instances; `classic`: getAccessToken. */
  tokenMode?: 'stable' | 'classic';
  /** Replaces global fetch (tests). */
  fetch?: typeof fetch;
  /** Called after every call to WeChat (the BFF passes a pino-backed function: no bodies, no personal data). */
  onCall?: (event: WechatCallEvent) => void;
  /** Clock of the adapter (tests); default Date.now. */
  now?: () => number;
}
