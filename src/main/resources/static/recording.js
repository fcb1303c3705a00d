// A table cell that plays a call's recording in the page, or an empty one when the call has none.
function recordingCell(url) {
  const cell = document.createElement('td');
  if (url && /^https?:\/\//.test(url)) {
    const audio = document.createElement('audio');
    audio.controls = true;
    audio.preload = 'none';
    audio.src = url;
    cell.appendChild(audio);
  }
  return cell;
}
