import type { PropsWithChildren } from 'react';
import { useLaunch } from '@tarojs/taro';
import { startApp } from './bootstrap';
import './app.scss';

function App({ children }: PropsWithChildren) {
  useLaunch(() => {
    startApp();
  });
  // children are the pages
  return children;
}

export default App;
