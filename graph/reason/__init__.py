"""Reasoning: takes a store and gives OWL consistency and inferred classes (owlready2).

`reasoning` prepares the reasoner's input and writes the inferences into their own named graph;
`worker` runs the reasoner in a child process so it can be stopped at its time limit.
"""
