// The contact-list upload zone: drag and drop a file onto it, then the upload is sent with a
// progress bar and the browser opens the new list's page. Without JavaScript the form posts as is.
document.addEventListener('DOMContentLoaded', () => {
  const form = document.querySelector('[data-upload-form]');
  if (!form) {
    return;
  }
  const zone = form.querySelector('[data-upload-zone]');
  const input = form.querySelector('[data-upload-input]');
  const name = form.querySelector('[data-upload-name]');
  const progress = form.querySelector('[data-upload-progress]');
  const bar = form.querySelector('[data-upload-bar]');
  const status = form.querySelector('[data-upload-status]');

  const showName = () => {
    name.textContent = input.files.length ? input.files[0].name : '';
  };
  input.addEventListener('change', showName);
  ['dragenter', 'dragover'].forEach((type) => zone.addEventListener(type, (event) => {
    event.preventDefault();
    zone.classList.add('is-dragging');
  }));
  ['dragleave', 'drop'].forEach((type) => zone.addEventListener(type, () => zone.classList.remove('is-dragging')));
  zone.addEventListener('drop', (event) => {
    event.preventDefault();
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      showName();
    }
  });

  form.addEventListener('submit', (event) => {
    if (!input.files.length) {
      return;
    }
    event.preventDefault();
    const request = new XMLHttpRequest();
    request.open('POST', form.action);
    request.upload.addEventListener('progress', (e) => {
      if (e.lengthComputable) {
        const percent = Math.round((e.loaded / e.total) * 100);
        bar.value = percent;
        status.textContent = 'Uploading… ' + percent + ' %';
      }
    });
    request.addEventListener('load', () => {
      window.location.assign(request.responseURL || '/contact-lists');
    });
    request.addEventListener('error', () => {
      status.textContent = 'The upload failed. Check your connection and try again.';
    });
    progress.hidden = false;
    status.textContent = 'Uploading…';
    request.send(new FormData(form));
  });
});
