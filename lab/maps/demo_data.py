"""What the sample workshop holds: fictitious people (no real person's data) and ideas naming
real-looking Colombian organisations, as the seed workshop's capability and alliance prompts ask."""

# Everyone the sample creates has an address under this reserved domain (RFC 2606): no mail is
# ever delivered there, and `demo delete` finds them by it.
EMAIL_DOMAIN = "taller-de-ejemplo.invalid"

MODERATOR = ("Moderadora de Ejemplo", "Alcaldía de Ejemplo", "entidad_publica", "Profesional del laboratorio")

PARTICIPANTS = [
    ("Ana Ejemplo Uno", "Universidad de Ejemplo", "universidad", "Docente investigadora"),
    ("Bruno Ejemplo Dos", "Centro de Productividad de Ejemplo", "centro", "Coordinador de proyectos"),
    ("Carla Ejemplo Tres", "Secretaría de Ejemplo", "entidad_publica", "Profesional universitaria"),
    ("Diego Ejemplo Cuatro", "Empresa de Ejemplo S.A.S.", "empresa", "Gerente de innovación"),
    ("Elena Ejemplo Cinco", "Fundación de Ejemplo", "ong", "Directora de programas"),
    ("Fabio Ejemplo Seis", "Universidad de Ejemplo", "universidad", "Decano"),
    ("Gloria Ejemplo Siete", "Veeduría Ciudadana de Ejemplo", "ciudadania", "Veedora"),
    ("Héctor Ejemplo Ocho", "Centro de Productividad de Ejemplo", "centro", "Investigador"),
]

# name, acronym, aliases, kind, org_type, scope, relation, territorial level
ACTORS = [
    ("Universidad Industrial de Santander", "UIS", (), "organisation", "universidad", "external", "current",
     "departmental"),
    ("Servicio Nacional de Aprendizaje", "SENA", (), "organisation", "entidad_publica", "external", "current",
     "national"),
    ("SENA Tecnoparque Bucaramanga", "", ("Tecnoparque",), "programme", "entidad_publica", "external", "potential",
     "municipal"),
    ("Universidad Autónoma de Bucaramanga", "UNAB", (), "organisation", "universidad", "external", "potential",
     "metropolitan"),
    ("Unidades Tecnológicas de Santander", "UTS", (), "organisation", "universidad", "external", "potential",
     "departmental"),
    ("Cámara de Comercio de Bucaramanga", "CCB", (), "organisation", "empresa", "external", "current", "metropolitan"),
    ("Gobernación de Santander", "", (), "organisation", "entidad_publica", "external", "potential", "departmental"),
    ("Oficina TIC de la Alcaldía", "", ("Oficina TIC",), "role", "entidad_publica", "internal", "current", "municipal"),
    ("Secretaría de Planeación", "", (), "role", "entidad_publica", "internal", "current", "municipal"),
    ("Ministerio de Ciencia, Tecnología e Innovación", "MinCiencias", ("Colciencias",), "organisation",
     "entidad_publica", "external", "potential", "national"),
    ("Ministerio de Tecnologías de la Información y las Comunicaciones", "MinTIC", (), "organisation",
     "entidad_publica", "external", "potential", "national"),
    ("Parque Tecnológico de Guatiguará", "", (), "organisation", "centro", "external", "potential", "metropolitan"),
    ("Corporación Bucaramanga Emprendedora", "CBE", (), "organisation", "ong", "external", "potential", "municipal"),
    ("Caja de Compensación Familiar Comfenalco Santander", "", ("Comfenalco Santander",), "organisation", "ong",
     "external", "potential", "departmental"),
    ("Red de Juntas de Acción Comunal", "", (), "network", "ciudadania", "external", "potential", "comuna"),
    ("Empresa de Ejemplo de Software S.A.S.", "", (), "organisation", "empresa", "external", "potential", "municipal"),
]

# prompt position in the capability activity (0-4: físicas, humanas, tecnológicas, económicas,
# sociales), the actor as typed on the board, the idea, votes it got.
IDEAS = [
    (0, "UIS", "Laboratorios y auditorios para sesiones de co-creación", 5),
    (0, "Universidad Industrial de Santander", "Espacios del campus para pilotos abiertos", 3),
    (0, "Parque Tecnológico de Guatiguará", "Salas de prototipado y bancos de prueba", 4),
    (0, "Cámara de Comercio de Bucaramanga", "Salones para encuentros con empresarios", 2),
    (0, "Comfenalco Santander", "Sedes en los barrios para talleres con comunidad", 3),
    (0, "SENA Tecnoparque", "Equipos de fabricación digital", 4),
    (0, "U. Autónoma de Bucaramanga", "Estudio de grabación para contenidos", 1),
    (1, "SENA", "Formación a servidores públicos en innovación", 6),
    (1, "UNAB", "Semilleros de investigación que acompañen retos", 3),
    (1, "UIS", "Docentes expertos en analítica de datos", 4),
    (1, "Oficina TIC", "Profesionales que administren la plataforma", 2),
    (1, "Corporación Bucaramanga Emprendedora", "Mentores para equipos de innovación", 2),
    (1, "Unidades Tecnológicas de Santander", "Practicantes de ingeniería de sistemas", 3),
    (1, "Secretaría de Planeación", "Equipo que conoce los indicadores del plan de desarrollo", 1),
    (2, "MinTIC", "Plataformas de datos abiertos y gobierno digital", 5),
    (2, "Oficina TIC de la Alcaldía", "Servidores y licencias para el laboratorio", 2),
    (2, "Empresa de Ejemplo de Software", "Desarrollo de prototipos de aplicaciones", 2),
    (2, "Universidad Industrial de Santander", "Grupo de investigación en inteligencia artificial", 4),
    (2, "SENA Tecnoparque Bucaramanga", "Acompañamiento técnico en prototipos", 3),
    (2, "Tecnoparke Bucaramanga", "Impresión 3D para prototipos rápidos", 1),
    (3, "MinCiencias", "Convocatorias de cofinanciación de proyectos de innovación", 6),
    (3, "Gobernación de Santander", "Recursos del sistema general de regalías", 5),
    (3, "Cámara de Comercio de Bucaramanga", "Fondos de responsabilidad social empresarial", 2),
    (3, "Colciencias", "Becas para jóvenes investigadores", 1),
    (3, "Secretaría de Planeación", "Rubro del presupuesto participativo", 3),
    (4, "Red de Juntas de Acción Comunal", "Convocatoria de líderes de las comunas", 6),
    (4, "Comfenalco", "Programas comunitarios con familias", 3),
    (4, "Corporación Bucaramanga Emprendedora", "Red de emprendedores sociales", 2),
    (4, "UNAB", "Consultorio social con estudiantes", 2),
    (4, "Juntas de Acción Comunal", "Confianza de la ciudadanía en los barrios", 4),
    (4, "Gobernación de Santander", "Red de enlaces municipales", 1),
]

# The alliance prompt: the actor typed, the idea.
ALLIANCE_IDEAS = [
    ("UIS", "Convenio para que los semilleros trabajen retos del laboratorio"),
    ("SENA", "Ruta de formación en innovación pública para servidores"),
    ("MinCiencias", "Proyecto conjunto para la convocatoria de regalías"),
    ("Red de Juntas de Acción Comunal", "Mesas barriales de co-creación"),
]

# purpose, first step, stage, instrument, owner, actors (by name)
ALLIANCES = [
    ("Retos del laboratorio resueltos con semilleros de investigación", "Reunión con la Vicerrectoría de Investigación",
     "in_conversation", "convenio", "Equipo del laboratorio", ("Universidad Industrial de Santander",)),
    ("Ruta de formación en innovación pública", "Carta de intención con el centro de formación", "prioritised",
     "carta_intencion", "Secretaría de Planeación", ("Servicio Nacional de Aprendizaje",)),
    ("Cofinanciación de proyectos del laboratorio", "Revisar la próxima convocatoria", "identified", "",
     "Equipo del laboratorio", ("Ministerio de Ciencia, Tecnología e Innovación", "Gobernación de Santander")),
]

# source, target, kind, strength, relation
LINKS = [
    ("Universidad Industrial de Santander", "Parque Tecnológico de Guatiguará", "collaboration", 3, "current"),
    ("Servicio Nacional de Aprendizaje", "SENA Tecnoparque Bucaramanga", "support", 3, "current"),
    ("Ministerio de Ciencia, Tecnología e Innovación", "Gobernación de Santander", "funding", 2, "current"),
    ("Cámara de Comercio de Bucaramanga", "Corporación Bucaramanga Emprendedora", "collaboration", 2, "potential"),
]

# name, influence, interest (the moderators' assessment in the sample workshop)
ASSESSMENTS = [
    ("Universidad Industrial de Santander", 4, 5), ("Servicio Nacional de Aprendizaje", 4, 4),
    ("Gobernación de Santander", 5, 2), ("Ministerio de Ciencia, Tecnología e Innovación", 5, 3),
    ("Cámara de Comercio de Bucaramanga", 3, 3), ("Red de Juntas de Acción Comunal", 2, 5),
    ("Universidad Autónoma de Bucaramanga", 2, 4), ("Oficina TIC de la Alcaldía", 2, 2),
]
