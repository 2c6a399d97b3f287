"""Common given names in Colombia, folded (no accents, lower case), for the person-name check.

Left out on purpose: names that are also words or places that open organisations' names ("Cruz
Roja", "Luz", "Paz", "Rosario", "Victoria", "Esperanza", "Mercedes", "Santiago", "Pilar").
"""

GIVEN_NAMES = frozenset("""
adriana alba alberto alejandra alejandro alexander alexandra alfonso alfredo alicia alvaro ana
andrea andres angela angelica antonio armando arturo beatriz bernardo blanca brayan camila camilo
carlos carmen carolina catalina cecilia cesar claudia cristian cristina daniel daniela david
dayana deisy diana diego dora edgar eduardo edwin elena elizabeth emilio enrique ernesto
esteban estefania eugenia fabian fabio felipe fernando francisco gabriel gabriela german
gerardo gilberto gloria gonzalo guillermo gustavo hector helena henry hernan hernando horacio
hugo ignacio isabel ivan jaime javier jenny jessica jhon jhonatan johana jorge jose josefina
juan juana julian juliana julio karen karina laura leidy leonardo leonor lina liliana lorena
lucia luis luisa manuel manuela marcela marco marcos margarita maria mariana mario marta martha
mateo mauricio miguel milena monica nancy natalia nelson nicolas norma olga oscar pablo paola
patricia paula pedro rafael ramiro ramon raul ricardo roberto rodrigo rocio rosa ruben ruth
samuel sandra sara sebastian sergio silvia sofia sonia stella susana tatiana teresa tomas
valentina valeria vanessa veronica victor viviana walter wilson ximena yeison yesenia yolanda
yuliana yurani jeyson jairo orlando omar rodolfo rubiela edilberto libardo
""".split())
