import { fireEvent, screen } from '@testing-library/react';
import { Text } from '@tarojs/components';
import PageShell from '../../src/components/PageShell';
import { renderSettled } from './helpers';

describe('PageShell', () => {
  it('shows the content when ready', async () => {
    await renderSettled(
      <PageShell state={{ kind: 'ready' }}>
        <Text>页面内容</Text>
      </PageShell>,
    );
    expect(screen.getByText('页面内容')).toBeInTheDocument();
  });

  it('shows a loading state instead of the content', async () => {
    await renderSettled(
      <PageShell state={{ kind: 'loading' }}>
        <Text>页面内容</Text>
      </PageShell>,
    );
    expect(screen.getByText('加载中…')).toBeInTheDocument();
    expect(screen.queryByText('页面内容')).not.toBeInTheDocument();
  });

  it('shows an error with its message and retries on 重试', async () => {
    const onRetry = jest.fn();
    await renderSettled(<PageShell state={{ kind: 'error', message: '网络连接失败，请检查网络后重试', onRetry }} />);
    expect(screen.getByText('网络连接失败，请检查网络后重试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('重试'));
    expect(onRetry).toHaveBeenCalledTimes(1);
  });

  it('shows an error without a retry button when nothing can be retried', async () => {
    await renderSettled(<PageShell state={{ kind: 'error', message: '没有权限进行此操作' }} />);
    expect(screen.getByText('没有权限进行此操作')).toBeInTheDocument();
    expect(screen.queryByText('重试')).not.toBeInTheDocument();
  });

  it('shows an empty state with text, hint and an optional action', async () => {
    const onAction = jest.fn();
    await renderSettled(
      <PageShell state={{ kind: 'empty', text: '没有找到相关科室', hint: '换个关键词试试', actionText: '清除搜索', onAction }} />,
    );
    expect(screen.getByText('没有找到相关科室')).toBeInTheDocument();
    expect(screen.getByText('换个关键词试试')).toBeInTheDocument();
    fireEvent.click(screen.getByText('清除搜索'));
    expect(onAction).toHaveBeenCalledTimes(1);
  });

  it('shows an empty state without an action button when none is given', async () => {
    await renderSettled(<PageShell state={{ kind: 'empty', text: '还没有绑定就诊卡' }} />);
    expect(screen.getByText('还没有绑定就诊卡')).toBeInTheDocument();
    expect(document.querySelector('.page-shell__action')).toBeNull();
  });

  it('asks to log in and calls onLogin on 登录', async () => {
    const onLogin = jest.fn();
    await renderSettled(<PageShell state={{ kind: 'login', text: '登录后查看', onLogin }} />);
    expect(screen.getByText('登录后查看')).toBeInTheDocument();
    fireEvent.click(screen.getByText('登录'));
    expect(onLogin).toHaveBeenCalledTimes(1);
  });

  it('shows 正在登录… while a login is under way', async () => {
    await renderSettled(<PageShell state={{ kind: 'login', onLogin: jest.fn(), busy: true }} />);
    expect(screen.getByText('正在登录…')).toBeInTheDocument();
  });
});
