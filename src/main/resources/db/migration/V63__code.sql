-- Owned by org.paperboy.code: the code and project links of each paper, and GitHub star history.
CREATE TABLE code_links (
  paper_id TEXT NOT NULL REFERENCES papers (id) ON DELETE CASCADE,
  url      TEXT NOT NULL,          -- normalised: https://github.com/owner/repo
  kind     TEXT NOT NULL,          -- github | gitlab | hf-space | hf-model | hf-dataset | code | project
  repo     TEXT,                   -- owner/repo for GitHub, GitLab and Hugging Face; null otherwise
  source   TEXT NOT NULL,          -- text: found in the abstract or comments | feed: a daily-papers feed said so
  position INTEGER NOT NULL,       -- order of appearance (feed links after the text's)
  PRIMARY KEY (paper_id, url)
);
CREATE INDEX code_links_repo ON code_links (kind, repo);

-- How far the extraction has followed the papers table's change numbers.
CREATE TABLE code_links_position (
  name       TEXT PRIMARY KEY,
  change_seq BIGINT NOT NULL,
  paper_id   TEXT NOT NULL
);
INSERT INTO code_links_position (name, change_seq, paper_id) VALUES ('papers', 0, '');

-- What GitHub last said about a repository, for conditional requests.
CREATE TABLE github_repos (
  repo       TEXT PRIMARY KEY,     -- owner/repo, lower-cased
  etag       TEXT,                 -- of the last 200 answer; sent as If-None-Match
  stars      INTEGER,              -- stargazers_count of the last answer
  status     TEXT NOT NULL,        -- ok | gone (404/451: deleted, private or blocked)
  checked_at TEXT NOT NULL         -- instant of the last answer
);

-- Stars over time: one observation per repository and day (the day's last answer wins).
CREATE TABLE github_stars (
  repo        TEXT NOT NULL,
  observed_on TEXT NOT NULL,       -- YYYY-MM-DD (UTC)
  stars       INTEGER NOT NULL,
  PRIMARY KEY (repo, observed_on)
);
