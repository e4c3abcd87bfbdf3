// The web chat page (Web Chat served from node_modules, our script and stylesheet under assets/).
export { iconRoutes, webChatPageRoutes, type WebChatPageOptions } from './page.js';
