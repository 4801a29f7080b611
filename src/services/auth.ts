/** Login and logout against the BFF, and the WeChat login code they start from. */
import Taro from '@tarojs/taro';
import type { LoginRequest, LoginResponse } from '@contract/api';
import { appConfig } from '@/config';
import { STORAGE_KEYS, readStored, writeStored } from '@/utils/storage';
import { randomId } from '@/utils/random-id';
import { ApiError, isApiError } from './api-error';
import { post } from './http';

interface SandboxLoginCodeRequest {
  deviceId: string;
}

interface SandboxLoginCodeResponse {
  code: string;
}

function isNonEmptyString(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}

/** H5 stands in for one WeChat user per browser: a random id kept in storage. */
export function deviceId(): string {
  const stored = readStored(STORAGE_KEYS.deviceId, isNonEmptyString);
  if (stored) return stored;
  const created = randomId();
  writeStored(STORAGE_KEYS.deviceId, created);
  return created;
}

/** A one-time login code: wx.login in the mini-program, the WeChat sandbox in H5. */
export async function obtainLoginCode(): Promise<string> {
  if (appConfig.platform === 'h5') {
    const answer = await post<SandboxLoginCodeResponse, SandboxLoginCodeRequest>(
      `${appConfig.wechatSandboxUrl}/sandbox/login-code`,
      { deviceId: deviceId() },
      { auth: false },
    );
    if (!isNonEmptyString(answer.code)) throw new ApiError({ status: 200, code: 'WECHAT_UNAVAILABLE' });
    return answer.code;
  }
  try {
    const { code } = await Taro.login();
    if (!isNonEmptyString(code)) throw new Error('empty login code');
    return code;
  } catch {
    throw new ApiError({ status: 0, code: 'LOGIN_FAILED', message: '微信登录失败，请稍后重试' });
  }
}

/** POST /api/v1/auth/login with a fresh code. */
export async function login(): Promise<LoginResponse> {
  const code = await obtainLoginCode();
  return post<LoginResponse, LoginRequest>('/api/v1/auth/login', { code }, { auth: false });
}

/** POST /api/v1/auth/logout: revokes the session. A session that is already gone counts as logged out. */
export async function logout(): Promise<void> {
  try {
    await post<void>('/api/v1/auth/logout', undefined, { renew: false });
  } catch (error) {
    if (isApiError(error) && error.isSessionError) return;
    throw error;
  }
}
