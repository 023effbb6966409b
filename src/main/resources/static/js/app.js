// Switchboard's small Alpine components, shared by every page. Loaded (deferred) before Alpine so
// the registrations below run on 'alpine:init'. Server data never goes into Alpine expressions:
// templates put it in data-* attributes and these components read it from there.
document.addEventListener('alpine:init', () => {
  const Alpine = window.Alpine;

  // Toasts: Alpine.store('toasts').push('success', 'Saved'), or from the server with the htmx
  // response header  HX-Trigger: {"toast": {"kind": "success", "message": "Saved"}}.
  Alpine.store('toasts', {
    items: [],
    next: 1,
    push(kind, message) {
      const id = this.next++;
      this.items.push({ id, kind: kind || 'info', message: String(message) });
      setTimeout(() => this.dismiss(id), 5000);
    },
    dismiss(id) {
      this.items = this.items.filter((t) => t.id !== id);
    },
  });
  document.body.addEventListener('toast', (event) => {
    const detail = event.detail || {};
    Alpine.store('toasts').push(detail.kind, detail.message);
  });

  // A dropdown menu: the trigger toggles it, Escape and a click outside close it, focus returns
  // to the trigger.
  Alpine.data('menu', () => ({
    open: false,
    toggle() {
      this.open = !this.open;
      if (this.open) {
        this.$nextTick(() => {
          const first = this.$refs.items && this.$refs.items.querySelector('a, button');
          if (first) first.focus();
        });
      }
    },
    close(focusTrigger) {
      if (!this.open) return;
      this.open = false;
      if (focusTrigger && this.$refs.trigger) this.$refs.trigger.focus();
    },
  }));

  // A native <dialog> (focus trap, Escape and backdrop come with it). open(data) copies the
  // opener's data-* attributes into `subject` for x-text bindings.
  Alpine.data('dialog', () => ({
    subject: {},
    open(data) {
      this.subject = Object.assign({}, data || {});
      this.$refs.dialog.showModal();
    },
    close() {
      this.$refs.dialog.close();
    },
  }));

  // The "shown once" secret box: copy to the clipboard, with a fallback for plain-http pages.
  Alpine.data('secret', () => ({
    copied: false,
    copy() {
      const input = this.$refs.value;
      const done = () => {
        this.copied = true;
        Alpine.store('toasts').push('success', 'Copied to the clipboard');
        setTimeout(() => { this.copied = false; }, 2000);
      };
      if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value).then(done);
      } else {
        input.select();
        if (document.execCommand('copy')) done();
      }
    },
  }));

  // Tabs in the page (WAI-ARIA tabs pattern): arrows, Home and End move between tabs.
  Alpine.data('tabs', (initial) => ({
    active: initial,
    select(name) {
      this.active = name;
    },
    key(event) {
      const tabs = Array.from(this.$refs.tablist.querySelectorAll('[role="tab"]'));
      const index = tabs.indexOf(document.activeElement);
      let target = null;
      if (event.key === 'ArrowRight') target = tabs[(index + 1) % tabs.length];
      if (event.key === 'ArrowLeft') target = tabs[(index - 1 + tabs.length) % tabs.length];
      if (event.key === 'Home') target = tabs[0];
      if (event.key === 'End') target = tabs[tabs.length - 1];
      if (target) {
        event.preventDefault();
        target.focus();
        this.select(target.dataset.tab);
      }
    },
  }));
});
