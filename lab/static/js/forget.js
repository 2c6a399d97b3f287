// On a page seen by nobody signed in (after a logout, or once a session ended), the ideas a person
// left waiting in this browser's storage are removed: the next person at this computer cannot read
// them. The room keeps them only while its person is signed in (outbox.js).
const PREFIX = "cocrea.outbox.";

if (document.body.dataset.signedIn === "0") {
  try {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(PREFIX)) localStorage.removeItem(key);
    }
  } catch (error) {
    // Storage unavailable (private mode): there is nothing to forget.
  }
}
