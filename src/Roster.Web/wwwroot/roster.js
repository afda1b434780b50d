// Small progressive enhancements. Every form and link works without them.
(() => {
    'use strict';

    // The account menu is a <details> disclosure: Enter and Space open it natively. Here: Escape closes it and
    // gives focus back, arrow keys move between its items, and a click or focus outside closes it.
    for (const menu of document.querySelectorAll('details.menu')) {
        const summary = menu.querySelector('summary');
        const items = () => [...menu.querySelectorAll('.menu-body a, .menu-body button')];
        const sync = () => summary.setAttribute('aria-expanded', String(menu.open));
        sync();
        menu.addEventListener('toggle', sync);
        menu.addEventListener('keydown', event => {
            if (event.key === 'Escape' && menu.open) {
                menu.open = false;
                summary.focus();
                event.preventDefault();
            } else if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
                const list = items();
                if (list.length === 0) return;
                if (!menu.open) menu.open = true;
                const at = list.indexOf(document.activeElement);
                const step = event.key === 'ArrowDown' ? 1 : -1;
                const next = at < 0 ? (step > 0 ? 0 : list.length - 1) : (at + step + list.length) % list.length;
                list[next].focus();
                event.preventDefault();
            }
        });
        document.addEventListener('click', event => {
            if (menu.open && !menu.contains(event.target)) menu.open = false;
        });
        menu.addEventListener('focusout', event => {
            if (menu.open && event.relatedTarget && !menu.contains(event.relatedTarget)) menu.open = false;
        });
    }

    // Forms that destroy something ask first.
    document.addEventListener('submit', event => {
        const question = event.target instanceof HTMLFormElement ? event.target.dataset.confirm : undefined;
        if (question && !window.confirm(question)) event.preventDefault();
    });

    // Copy buttons copy the text of the element they name.
    for (const button of document.querySelectorAll('button[data-copy]')) {
        button.addEventListener('click', async () => {
            const source = document.getElementById(button.dataset.copy);
            if (!source) return;
            const text = source.textContent.trim();
            let copied = false;
            try {
                await navigator.clipboard.writeText(text);
                copied = true;
            } catch {
                // No clipboard API (an insecure origin): select the text so that Ctrl+C takes it.
                const range = document.createRange();
                range.selectNodeContents(source);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
                copied = document.execCommand && document.execCommand('copy');
            }
            button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
        });
    }
})();
