"""Reading: takes article files (.txt/.md with front matter, .html) and gives `Article` values.

`articles` reads and cleans one file (or finds the articles in folders); `sentences` splits an
article's clean text into paragraphs and sentences with spaCy, offsets into `Article.text`.
"""
