/** Setup for the app's component tests (jest project `app`). */
/* global beforeEach, window -- jest setup file, jsdom */
process.env.TARO_ENV = 'h5';
process.env.TARO_PLATFORM = 'web';

// @tarojs/taro first: the H5 runtime and the components import each other
require('@tarojs/taro');
const React = require('react');
const ReactDOM = require('react-dom');
const { createH5NativeComponentConfig } = require('@tarojs/plugin-framework-react/dist/runtime');

// Taro's React hooks need the renderer registered (else "React.useContext is not a function")
createH5NativeComponentConfig(null, React, ReactDOM);

require('@testing-library/jest-dom');

beforeEach(() => {
  window.localStorage.clear();
});
