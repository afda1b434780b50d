// Contacts and partners pages. Everything works without this file; it only filters long member lists as you type.
(() => {
    'use strict';

    // A search box names the rows it filters (data-filter-rows): rows whose data-search text lacks the typed words
    // are hidden. Hidden rows keep their checkboxes, so Save still sends every ticked member.
    for (const input of document.querySelectorAll('input[data-filter-rows]')) {
        const body = document.getElementById(input.dataset.filterRows);
        if (!body) continue;
        const rows = [...body.querySelectorAll('tr[data-search]')];
        const none = body.querySelector('tr.no-match');
        const apply = () => {
            const words = input.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
            let shown = 0;
            for (const row of rows) {
                const match = words.every(word => row.dataset.search.includes(word));
                row.hidden = !match;
                if (match) shown++;
            }
            if (none) none.hidden = shown > 0;
        };
        input.addEventListener('input', apply);
        // Enter in the search box filters; it must not submit anything.
        input.addEventListener('keydown', event => {
            if (event.key === 'Enter') event.preventDefault();
        });
        apply();
    }
})();
