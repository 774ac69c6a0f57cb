// InkwellAuth placeholder
