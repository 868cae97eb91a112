// Shows the organisation part of the registration form only for roles that have an organisation.
(function () {
  const fields = document.getElementById("organisation-fields");
  const role = document.getElementById("role");
  if (!fields || !role) return;
  const roles = fields.dataset.roles.split(" ");
  const update = () => { fields.hidden = !roles.includes(role.value); };
  role.addEventListener("change", update);
  update();
})();
