/** The console's entry point: the preact app into #app. */
import { render } from 'preact';
import { App } from './App.js';

render(<App />, document.getElementById('app')!);
