// The cost report page's only script: export buttons ask the extension (which owns the files), updates
// swap the report's markup in place so the scroll position stays, and focus requests scroll to a function.
/* global acquireVsCodeApi, document, window, Element */
(function () {
  const vscode = acquireVsCodeApi();
  const main = document.getElementById('report');

  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button[data-export]') : null;
    if (button) vscode.postMessage({ type: 'export', format: button.getAttribute('data-export') });
  });

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (!message || typeof message !== 'object') return;
    if (message.type === 'update' && typeof message.html === 'string') {
      main.innerHTML = message.html;
    } else if (message.type === 'focus' && typeof message.anchor === 'string') {
      const target = document.getElementById(message.anchor);
      if (target) target.scrollIntoView({ block: 'start' });
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
