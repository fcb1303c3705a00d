// A table cell that plays a call's recording in the page, or an empty one when the call has none; before the time
// Exotel said the recording can be fetched (availableBy), when it will be.
function recordingCell(url, availableBy) {
  const cell = document.createElement('td');
  if (url && availableBy && new Date(availableBy) > new Date()) {
    cell.textContent = 'recording from ' + new Date(availableBy).toLocaleTimeString();
  } else if (url && /^https?:\/\//.test(url)) {
    const audio = document.createElement('audio');
    audio.controls = true;
    audio.preload = 'none';
    audio.src = url;
    cell.appendChild(audio);
  }
  return cell;
}
