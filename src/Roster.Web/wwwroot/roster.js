// Small progressive enhancements. Every form and link works without them.
(() => {
    'use strict';

    document.documentElement.classList.add('js');

    // Menus and toolbar panels are <details> disclosures: Enter and Space open them natively. Here: Escape closes
    // one and gives focus back, arrow keys move between a menu's items, opening one closes the others, and a click
    // or focus outside closes it.
    const disclosures = [...document.querySelectorAll('details.menu, details.dropdown')];
    for (const menu of disclosures) {
        const summary = menu.querySelector('summary');
        const items = () => [...menu.querySelectorAll('.menu-body a, .menu-body button, .menu-list a, .menu-list button, .sort-panel a')];
        const sync = () => summary.setAttribute('aria-expanded', String(menu.open));
        sync();
        menu.addEventListener('toggle', () => {
            sync();
            if (menu.open) {
                for (const other of disclosures) if (other !== menu && !other.contains(menu)) other.open = false;
            } else {
                for (const copied of menu.querySelectorAll('[data-copy-value][data-label]')) copied.textContent = copied.dataset.label;
            }
        });
        menu.addEventListener('keydown', event => {
            if (event.key === 'Escape' && menu.open) {
                menu.open = false;
                summary.focus();
                event.preventDefault();
                event.stopPropagation();
            } else if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !event.target.matches('input, select, textarea')) {
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

    // Choosing rows per page applies at once; without JavaScript a button does it.
    for (const select of document.querySelectorAll('select[data-autosubmit]')) {
        select.addEventListener('change', () => select.form.requestSubmit());
    }

    // A page that shows a dialog: focus goes to its first problem or field, and Escape leaves it as Cancel does.
    const dialog = document.querySelector('.overlay [role=dialog], .overlay [role=alertdialog]');
    if (dialog) {
        // A question about deleting starts on Cancel, so that Enter does not delete by accident.
        const first = dialog.querySelector('[aria-invalid=true]:is(input, select, textarea), fieldset[aria-invalid=true] input')
            ?? dialog.querySelector('input:not([type=hidden]):not([disabled]), select, textarea')
            ?? (dialog.getAttribute('role') === 'alertdialog' ? dialog.querySelector('[data-dialog-cancel]') : null)
            ?? dialog.querySelector('.dialog-buttons .primary')
            ?? dialog.querySelector('.dialog-buttons a');
        first?.focus();
        const cancel = dialog.querySelector('[data-dialog-cancel]');
        document.addEventListener('keydown', event => {
            if (event.key === 'Escape' && cancel && !event.defaultPrevented) window.location.assign(cancel.href);
        });
    }

    // Colour swatches show the colour they name; the CSSOM ignores a value that is not a colour.
    const paint = (swatch, color) => {
        swatch.style.backgroundColor = '';
        if (color) swatch.style.backgroundColor = color;
    };
    for (const swatch of document.querySelectorAll('[data-color]')) {
        paint(swatch, swatch.dataset.color);
        const input = swatch.dataset.colorOf && document.getElementById(swatch.dataset.colorOf);
        if (input) input.addEventListener('input', () => paint(swatch, input.value.trim()));
    }

    // Forms that destroy something ask first.
    document.addEventListener('submit', event => {
        const question = event.target instanceof HTMLFormElement ? event.target.dataset.confirm : undefined;
        if (question && !window.confirm(question)) event.preventDefault();
    });

    // Copy buttons copy the text of the element they name (data-copy) or a value they carry (data-copy-value).
    const copy = async text => {
        try {
            await navigator.clipboard.writeText(text);
            return true;
        } catch {
            // No clipboard API (an insecure origin): the old way, through a selected text area.
            const area = document.createElement('textarea');
            area.value = text;
            area.setAttribute('readonly', '');
            area.style.position = 'fixed';
            area.style.opacity = '0';
            document.body.append(area);
            area.select();
            const done = document.execCommand && document.execCommand('copy');
            area.remove();
            return Boolean(done);
        }
    };
    for (const button of document.querySelectorAll('button[data-copy]')) {
        button.addEventListener('click', async () => {
            const source = document.getElementById(button.dataset.copy);
            if (!source) return;
            const copied = await copy(source.textContent.trim());
            if (!copied) {
                const range = document.createRange();
                range.selectNodeContents(source);
                const selection = window.getSelection();
                selection.removeAllRanges();
                selection.addRange(range);
            }
            button.textContent = copied ? 'Copied' : 'Press Ctrl+C';
        });
    }
    for (const button of document.querySelectorAll('button[data-copy-value]')) {
        button.dataset.label = button.textContent;
        button.addEventListener('click', async () => {
            const value = button.dataset.copyValue;
            if (await copy(value)) button.textContent = 'Copied';
            else window.prompt('Copy this link:', value);
        });
    }

    // A dismissible note (the invitation to set up two-factor authentication) goes away until the next page.
    for (const button of document.querySelectorAll('[data-dismissible] [data-dismiss]')) {
        button.addEventListener('click', () => button.closest('[data-dismissible]').remove());
    }
})();
