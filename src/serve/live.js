// bantin serve's page script: reloads this page when its file is rebuilt, swaps rebuilt
// stylesheets in place, and shows build problems over the page. Only `bantin serve` adds it;
// a built site never loads it.
(() => {
  "use strict";

  const OVERLAY_ID = "bantin-overlay";

  // The site file a URL of this server names, as the server names it (`en/charts/a.svg`), or
  // null for another origin.
  const fileOf = (href) => {
    const url = new URL(href, location.href);
    if (url.origin !== location.origin) return null;
    let path = url.pathname;
    try {
      path = decodeURIComponent(path);
    } catch (_) {
      // A malformed escape is kept as sent, as the server would refuse it anyway.
    }
    path = path.replace(/^\//, "");
    return path === "" || path.endsWith("/") ? path + "index.html" : path;
  };

  const reloadIfShown = (paths) => {
    if (paths.includes("*") || paths.includes(fileOf(location.href))) location.reload();
  };

  // Each changed stylesheet gets a fresh copy beside it; the old one goes once the copy has
  // loaded, so the page never shows unstyled.
  const swapStyles = (paths) => {
    const changed = new Set(paths);
    for (const link of document.querySelectorAll('link[rel~="stylesheet"]')) {
      if (link.dataset.bantinReplaced || !changed.has(fileOf(link.href))) continue;
      const url = new URL(link.href);
      url.searchParams.set("bantin", String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      link.dataset.bantinReplaced = "yes";
      fresh.addEventListener("load", () => link.remove(), { once: true });
      fresh.addEventListener("error", () => {
        fresh.remove();
        delete link.dataset.bantinReplaced;
      }, { once: true });
      link.after(fresh);
    }
  };

  const element = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  };

  // Ids and the reset keep the page's own styles off the overlay.
  const OVERLAY_CSS = `
#bantin-overlay, #bantin-overlay * { all: revert; box-sizing: border-box; }
#bantin-overlay {
  position: fixed; top: 0; left: 0; right: 0; z-index: 2147483647;
  max-height: 75vh; overflow: auto; margin: 0; padding: 12px 16px 16px;
  background: #fff7f7; color: #1b1b1b; border-bottom: 4px solid #b00020;
  box-shadow: 0 4px 16px rgba(0, 0, 0, 0.3);
  font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif;
  text-align: left; direction: ltr;
}
#bantin-overlay .bantin-close {
  float: right; position: sticky; top: 0; margin: -4px -8px 0 8px;
  min-width: 44px; min-height: 44px; padding: 0; border: 0; border-radius: 6px;
  background: transparent; color: #1b1b1b; font: 28px/1 system-ui, sans-serif; cursor: pointer;
}
#bantin-overlay .bantin-close:hover, #bantin-overlay .bantin-close:focus { background: #f1d4d8; }
#bantin-overlay .bantin-title { margin: 0 0 8px; font-weight: 700; font-size: 16px; }
#bantin-overlay .bantin-problem { margin: 12px 0 0; padding: 10px 0 0; border-top: 1px solid #e8c4c9; }
#bantin-overlay .bantin-where { font-weight: 600; overflow-wrap: anywhere; }
#bantin-overlay .bantin-where .bantin-error { color: #b00020; }
#bantin-overlay .bantin-where .bantin-warning { color: #8a5a00; }
#bantin-overlay .bantin-message { margin: 4px 0; overflow-wrap: anywhere; }
#bantin-overlay .bantin-excerpt {
  margin: 6px 0; padding: 8px 10px; overflow-x: auto; white-space: pre;
  background: #fff; color: #1b1b1b; border: 1px solid #e8c4c9; border-radius: 4px;
  font: 13px/1.4 ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace;
}
#bantin-overlay .bantin-caret { color: #b00020; font-weight: 700; }
#bantin-overlay .bantin-pad { visibility: hidden; }
#bantin-overlay .bantin-hint { margin: 4px 0 0; color: #333; overflow-wrap: anywhere; }
`;

  const removeOverlay = () => {
    const overlay = document.getElementById(OVERLAY_ID);
    if (overlay) overlay.remove();
  };

  const problemSection = (problem) => {
    const section = element("section", "bantin-problem");
    const where = element("div", "bantin-where");
    const severity = problem.severity === "warning" ? "warning" : "error";
    where.append(element("span", "bantin-" + severity, severity + ": "));
    let place = problem.file;
    if (problem.line != null) {
      place += ":" + problem.line;
      if (problem.column != null) place += ":" + problem.column;
    }
    where.append(element("code", "", place));
    section.append(where, element("p", "bantin-message", problem.message));
    if (problem.excerpt != null) {
      const excerpt = element("pre", "bantin-excerpt", problem.excerpt);
      if (problem.column != null) {
        // The caret sits after an invisible copy of the text before the column, so tabs and
        // wide characters push it exactly as far as they push the excerpt.
        const before = Array.from(problem.excerpt).slice(0, Math.max(problem.column - 1, 0));
        excerpt.append("\n", element("span", "bantin-pad", before.join("")));
        excerpt.append(element("span", "bantin-caret", "^"));
      }
      section.append(excerpt);
    }
    if (problem.hint != null) section.append(element("p", "bantin-hint", "hint: " + problem.hint));
    return section;
  };

  const showProblems = (problems) => {
    removeOverlay();
    const overlay = element("div");
    overlay.id = OVERLAY_ID;
    overlay.setAttribute("role", "alert");
    const close = element("button", "bantin-close", "\u00d7");
    close.type = "button";
    close.setAttribute("aria-label", "Close");
    close.addEventListener("click", removeOverlay);
    overlay.append(
      element("style", "", OVERLAY_CSS),
      close,
      element("p", "bantin-title", "bantin: the last change does not build; this page is the last good build."),
      ...problems.map(problemSection),
    );
    (document.body || document.documentElement).append(overlay);
  };

  // The server renders open pages first after a change that touches many.
  const source = new EventSource(
    "/__bantin/events?page=" + encodeURIComponent(fileOf(location.href) || ""),
  );
  let lost = false;
  source.addEventListener("error", () => {
    lost = true;
  });
  // Back after a drop: the server may have restarted with a new build.
  source.addEventListener("open", () => {
    if (lost) location.reload();
  });
  source.addEventListener("message", (message) => {
    let event;
    try {
      event = JSON.parse(message.data);
    } catch (_) {
      return;
    }
    switch (event.kind) {
      case "reload":
        reloadIfShown(event.paths);
        break;
      case "styles":
        swapStyles(event.paths);
        break;
      case "broken":
        showProblems(event.problems);
        break;
      case "fixed":
        removeOverlay();
        break;
    }
  });
})();
