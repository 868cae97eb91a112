// Attachment forms: a file over the size limit is refused with the field's message before it is sent.
(function () {
  document.querySelectorAll("form.attachment-form:not([data-ready])").forEach((form) => {
    form.dataset.ready = "1";
    const input = form.querySelector('input[type="file"]');
    const feedback = form.querySelector(".invalid-feedback");
    const limit = Number(form.dataset.maxBytes);
    const refuse = (message) => {
      input.classList.toggle("is-invalid", Boolean(message));
      feedback.textContent = message;
      return !message;
    };
    const check = () => {
      const file = input.files[0];
      if (!file) return refuse(form.dataset.choose);
      return refuse(file.size > limit ? form.dataset.tooLarge : "");
    };
    input.addEventListener("change", check);
    form.addEventListener("submit", (event) => {
      if (!check()) {
        event.preventDefault();
        input.focus();
      }
    });
  });
})();
