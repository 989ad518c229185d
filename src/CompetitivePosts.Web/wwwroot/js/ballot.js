// The signature pad of a signed ballot: pointer events, so a mouse, a finger and a stylus all draw.
// The drawing goes into the hidden "Signature" field as a PNG data URL whenever a stroke ends; the
// server checks it (SignatureImage) and keeps it with the ballot. Everything else on the ballot is a
// plain form and works without this script.
(() => {
  const canvas = document.getElementById('signature-pad');
  const field = document.getElementById('signature-data');
  const clear = document.getElementById('signature-clear');
  if (!canvas || !field) return;

  const ctx = canvas.getContext('2d');
  ctx.lineCap = 'round';
  ctx.lineJoin = 'round';
  ctx.strokeStyle = '#111';
  let drawing = null;

  // A signature shown again after "back: change my marks" is drawn back onto the pad.
  if (field.value.startsWith('data:image/png;base64,')) {
    const image = new Image();
    image.onload = () => ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    image.src = field.value;
    canvas.classList.add('signed');
  }

  const point = (e) => {
    const r = canvas.getBoundingClientRect();
    return { x: (e.clientX - r.left) * canvas.width / r.width, y: (e.clientY - r.top) * canvas.height / r.height };
  };

  const width = (e) => (e.pointerType === 'pen' && e.pressure > 0 ? 2 + e.pressure * 4 : 4) * canvas.width / 720;

  canvas.addEventListener('pointerdown', (e) => {
    e.preventDefault();
    canvas.setPointerCapture(e.pointerId);
    drawing = { id: e.pointerId, last: point(e) };
    ctx.beginPath();
    ctx.lineWidth = width(e);
    ctx.arc(drawing.last.x, drawing.last.y, ctx.lineWidth / 2, 0, Math.PI * 2);
    ctx.fillStyle = ctx.strokeStyle;
    ctx.fill();
  });

  canvas.addEventListener('pointermove', (e) => {
    if (!drawing || drawing.id !== e.pointerId) return;
    e.preventDefault();
    const p = point(e);
    ctx.beginPath();
    ctx.lineWidth = width(e);
    ctx.moveTo(drawing.last.x, drawing.last.y);
    ctx.lineTo(p.x, p.y);
    ctx.stroke();
    drawing.last = p;
  });

  const end = (e) => {
    if (!drawing || drawing.id !== e.pointerId) return;
    drawing = null;
    field.value = canvas.toDataURL('image/png');
    canvas.classList.add('signed');
  };
  canvas.addEventListener('pointerup', end);
  canvas.addEventListener('pointercancel', end);

  clear?.addEventListener('click', () => {
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    field.value = '';
    canvas.classList.remove('signed');
  });
})();
