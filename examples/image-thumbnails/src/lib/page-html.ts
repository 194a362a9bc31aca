// The upload page: pick or drop an image; it asks for a presigned URL, PUTs the file to S3, then polls
// for the three thumbnails. Plain DOM, no framework: the page is a function's answer.
export const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Thumbnails</title>
<style>
  body { font: 15px system-ui, sans-serif; margin: 2rem auto; max-width: 60rem; color: #222; }
  #drop { border: 2px dashed #888; border-radius: 8px; padding: 2rem; text-align: center; }
  #drop.over { background: #eef6ff; }
  .result { margin-top: 1.5rem; }
  .thumbs { display: flex; gap: 1rem; align-items: flex-end; flex-wrap: wrap; }
  figure { margin: 0; } figcaption { color: #666; font-size: 13px; }
</style>
</head>
<body>
<h1>Image thumbnails</h1>
<div id="drop">Drop images here or <input id="file" type="file" accept="image/*" multiple></div>
<div id="results"></div>
<script>
const results = document.getElementById('results');
async function upload(file) {
  const box = document.createElement('div');
  box.className = 'result';
  box.textContent = file.name + ': uploading…';
  results.prepend(box);
  const created = await fetch('uploads', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fileName: file.name, contentType: file.type }) });
  const upload = await created.json();
  if (!created.ok) { box.textContent = file.name + ': ' + upload.message; return; }
  const put = await fetch(upload.url, { method: 'PUT', headers: upload.headers, body: file });
  if (!put.ok) { box.textContent = file.name + ': the upload failed (' + put.status + ')'; return; }
  box.textContent = file.name + ': uploaded, making thumbnails…';
  for (let attempt = 0; attempt < 60; attempt++) {
    const listed = await (await fetch('thumbnails?key=' + encodeURIComponent(upload.key))).json();
    if (listed.ready) { show(box, file.name, listed.thumbnails); return; }
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  box.textContent = file.name + ': no thumbnails after 30 s. Is it an image? The ThumbnailFunction log says.';
}
function show(box, name, thumbnails) {
  box.replaceChildren(Object.assign(document.createElement('h3'), { textContent: name }));
  const row = document.createElement('div');
  row.className = 'thumbs';
  for (const thumbnail of thumbnails) {
    const figure = document.createElement('figure');
    figure.append(Object.assign(document.createElement('img'), { src: thumbnail.url, alt: thumbnail.key }));
    figure.append(Object.assign(document.createElement('figcaption'), { textContent: thumbnail.width + '×' + thumbnail.height + ', ' + Math.round(thumbnail.bytes / 1024) + ' KB' }));
    row.append(figure);
  }
  box.append(row);
}
const drop = document.getElementById('drop');
document.getElementById('file').onchange = (event) => [...event.target.files].forEach(upload);
drop.ondragover = (event) => { event.preventDefault(); drop.classList.add('over'); };
drop.ondragleave = () => drop.classList.remove('over');
drop.ondrop = (event) => { event.preventDefault(); drop.classList.remove('over'); [...event.dataTransfer.files].forEach(upload); };
</script>
</body>
</html>`;
