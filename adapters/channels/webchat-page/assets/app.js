/* global window, document, fetch, URL */
// Starts Web Chat on Parley's page, or on another site that embeds it (README: embeddable snippet).
// Settings come from this script tag's data- attributes, so the page needs no inline script.
(function () {
  'use strict';

  var script = document.currentScript;
  var data = script.dataset;
  var origin = data.parleyOrigin || new URL(script.src, window.location.href).origin;
  var target = document.getElementById(data.target || 'webchat');
  var tokenPath = data.tokenPath || '/webchat/token';

  function showProblem(message) {
    if (!target) return;
    var paragraph = document.createElement('p');
    paragraph.className = 'chat-status chat-problem';
    paragraph.setAttribute('role', 'alert');
    paragraph.textContent = message;
    target.replaceChildren(paragraph);
  }

  if (!target) return;
  if (!window.WebChat) {
    showProblem('The chat could not load. Please refresh the page.');
    return;
  }

  fetch(origin + tokenPath, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: '{}', credentials: 'omit' })
    .then(function (response) {
      if (response.status === 429) throw new Error('busy');
      if (!response.ok) throw new Error('token ' + response.status);
      return response.json();
    })
    .then(function (session) {
      var directLine = window.WebChat.createDirectLine({ token: session.token, domain: origin + '/v3/directline', webSocket: true });
      window.WebChat.renderWebChat(
        {
          directLine: directLine,
          locale: data.locale || 'en-US',
          nonce: script.nonce || undefined,
          styleOptions: {
            accent: '#1f5f8b',
            backgroundColor: '#ffffff',
            primaryFont: "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif",
            bubbleBackground: '#eef3f7',
            bubbleBorderColor: '#d5e0e8',
            bubbleBorderRadius: 12,
            bubbleTextColor: '#1b2a36',
            bubbleFromUserBackground: '#1f5f8b',
            bubbleFromUserBorderColor: '#1f5f8b',
            bubbleFromUserBorderRadius: 12,
            bubbleFromUserTextColor: '#ffffff',
            botAvatarInitials: data.botInitials || 'P',
            botAvatarBackgroundColor: '#2f6f5e',
            suggestedActionBorderRadius: 8,
            sendBoxButtonColor: '#1f5f8b',
            // No uploads: a photo of a card or an ID must not end up in a chat log.
            hideUploadButton: true,
            rootHeight: '100%',
          },
        },
        target,
      );
      target.setAttribute('data-conversation-ready', 'true');
    })
    .catch(function (error) {
      showProblem(
        error && error.message === 'busy'
          ? 'Many people are starting chats from your network right now. Please try again in a minute.'
          : 'We could not start the chat. Please refresh the page, or call us.',
      );
    });
})();
