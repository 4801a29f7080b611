import type { ReactNode } from 'react';
import { Button, Text, View } from '@tarojs/components';
import './index.scss';

/** What a page (or a section of one) shows instead of its content, or `ready` for the content. */
export type ShellState =
  | { kind: 'ready' }
  | { kind: 'loading'; text?: string }
  | { kind: 'error'; message: string; onRetry?: () => void; retryText?: string }
  | { kind: 'empty'; text: string; hint?: string; actionText?: string; onAction?: () => void }
  | { kind: 'login'; text?: string; onLogin: () => void; busy?: boolean };

export interface PageShellProps {
  state: ShellState;
  /** `page` fills the screen; `section` sits inside a card. */
  variant?: 'page' | 'section';
  children?: ReactNode;
}

/** One look for every page's loading, error, empty and not-logged-in states. */
export default function PageShell({ state, variant = 'page', children }: PageShellProps) {
  if (state.kind === 'ready') return <>{children}</>;
  return (
    <View className={`page-shell page-shell--${variant} page-shell--${state.kind}`}>
      <ShellBody state={state} />
    </View>
  );
}

function ShellBody({ state }: { state: Exclude<ShellState, { kind: 'ready' }> }) {
  switch (state.kind) {
    case 'loading':
      return (
        <View className='page-shell__status'>
          <View className='page-shell__spinner' />
          <Text className='page-shell__text'>{state.text ?? '加载中…'}</Text>
        </View>
      );
    case 'error':
      return (
        <View className='page-shell__status'>
          <View className='page-shell__badge page-shell__badge--error'>
            <Text className='page-shell__badge-mark'>!</Text>
          </View>
          <Text className='page-shell__text'>{state.message}</Text>
          {state.onRetry && (
            <Button className='page-shell__action' onClick={state.onRetry}>
              {state.retryText ?? '重试'}
            </Button>
          )}
        </View>
      );
    case 'empty':
      return (
        <View className='page-shell__status'>
          <View className='page-shell__badge page-shell__badge--empty'>
            <View className='page-shell__empty-mark' />
          </View>
          <Text className='page-shell__text'>{state.text}</Text>
          {state.hint && <Text className='page-shell__hint'>{state.hint}</Text>}
          {state.actionText && state.onAction && (
            <Button className='page-shell__action' onClick={state.onAction}>
              {state.actionText}
            </Button>
          )}
        </View>
      );
    case 'login':
      return (
        <View className='page-shell__status'>
          <View className='page-shell__badge page-shell__badge--login'>
            <View className='page-shell__person' />
          </View>
          <Text className='page-shell__text'>{state.text ?? '登录后查看'}</Text>
          <Button
            className='page-shell__action page-shell__action--primary'
            loading={state.busy}
            disabled={state.busy}
            onClick={state.onLogin}
          >
            {state.busy ? '正在登录…' : '登录'}
          </Button>
        </View>
      );
  }
}
