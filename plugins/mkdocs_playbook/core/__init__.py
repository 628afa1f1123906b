"""What every feature shares and none owns, without MkDocs: text and JSON helpers, the HTML
section reader, fence finding, author error boxes, the headless Chromium session, a loopback
server, and the repair of Material's markup."""
